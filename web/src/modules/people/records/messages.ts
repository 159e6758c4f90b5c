/** Own-data download and merge of duplicates messages, merged into the dictionaries in web/src/i18n (Italian is the reference; English must have every key). */
export const recordsIt = {} as const;

export const recordsEn: Record<keyof typeof recordsIt, string> = {};
