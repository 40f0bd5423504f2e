/** Injected time, so sweeps and deadlines are testable. */
export type Clock = () => Date;
export const systemClock: Clock = () => new Date();
