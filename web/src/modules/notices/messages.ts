/** Employment notices (UNILAV) messages, merged into the dictionaries in web/src/i18n (Italian is the reference; English must have every key). */
export const noticesIt = {} as const;

export const noticesEn: Record<keyof typeof noticesIt, string> = {};
