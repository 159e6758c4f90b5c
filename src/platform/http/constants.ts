export const API_PREFIX = '/api/v1';
export const BODY_LIMIT_BYTES = 1024 * 1024;
