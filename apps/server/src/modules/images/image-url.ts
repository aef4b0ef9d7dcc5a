/** Where an image is served: one id is one immutable rendition, so the URL may be cached forever. */
export const imageUrl = (id: string): string => `/api/images/${id}`;
