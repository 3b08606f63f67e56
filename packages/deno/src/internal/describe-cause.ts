import { displayUrl, withoutUrlQueries } from '@vidgo-sdk/core/internal';

/** An error as text for a message. fetch's errors quote the URL: its query (a signed URL's token), or a redirect target's, stays out. */
export const describeCause = (cause: unknown, url: string): string => withoutUrlQueries(String(cause).replaceAll(url, displayUrl(url)));
