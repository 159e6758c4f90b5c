/** Lets pending I/O callbacks (database answers) run before long synchronous work goes on. */
export const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
