/** Where the API is mounted; links the API hands out (e.g. attachment downloads) start with it. */
export const API_PREFIX = '/api/v1';
