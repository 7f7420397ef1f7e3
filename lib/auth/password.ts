import bcrypt from "bcryptjs";

const COST = 12;
// Compared against when the user does not exist, so both failures take the same time.
const DUMMY_HASH = "$2b$12$avMeRvMYHmVdNIczhzddYea9qsWDnAsptniBLtUXoz4Ddt3UpMTjC";

export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, COST);
}

export async function verifyPassword(password: string, hash: string | null | undefined): Promise<boolean> {
  const ok = await bcrypt.compare(password, hash ?? DUMMY_HASH);
  return ok && !!hash;
}
