/** The object as it looks before any controller has written a status. */
export function omitStatus<T extends { status: unknown }>(
  object: T,
): Omit<T, 'status'> {
  const { status: _status, ...rest } = object;
  return rest;
}
