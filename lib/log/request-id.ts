/** The header proxy.ts sets on every request (and echoes on the response) to tie log lines to it. */
export const REQUEST_ID_HEADER = "x-request-id";
