/** Profiling messages, merged into the dictionaries in web/src/i18n (Italian is the reference; English must have every key). */
export const profilingIt = {} as const;

export const profilingEn: Record<keyof typeof profilingIt, string> = {};
