/** Professional profile (SAP) messages, merged into the dictionaries in web/src/i18n (Italian is the reference; English must have every key). */
export const profileIt = {} as const;

export const profileEn: Record<keyof typeof profileIt, string> = {};
