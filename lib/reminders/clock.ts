/** Where reminder code reads the time: tests pass their own, so no test waits for real time. */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();
