/** Ids are UUIDs: anything else names nothing, and is never sent to a uuid column (it would fail there). */
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
