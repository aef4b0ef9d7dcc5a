/** Where to go after logging in: a same-site path only, never an absolute URL taken from the query. */
export function safeNext(value: string | null): string {
  return value?.startsWith('/') && !value.startsWith('//') && !value.startsWith('/\\') ? value : '/';
}
