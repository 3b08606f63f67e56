/**
 * A file URL as it may be shown: no query, no fragment, no credentials. Storage URLs are often
 * signed, and the signature in the query is as good as a password for 24 hours.
 */
export function displayUrl(fileUrl: string): string {
  try {
    const url = new URL(fileUrl);
    return `${url.protocol}//${url.host}${url.pathname}`;
  } catch {
    return fileUrl.replace(/[?#].*$/s, '');
  }
}

/**
 * `text` (an error message from fetch, say) with the query and fragment cut from every http(s)
 * URL in it: a redirect's target carries its own signature, which no message should repeat.
 */
export function withoutUrlQueries(text: string): string {
  return text.replace(/(https?:\/\/[^\s?#"'<>)]*)[?#][^\s"'<>)]*/gi, '$1');
}
