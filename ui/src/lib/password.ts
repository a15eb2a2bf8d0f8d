// What a new password must be before it is sent: the server's bounds (from the API document) and a repeat that matches.
import { Limits } from "./api/limits";

const { minLength, maxLength } = Limits.SetPasswordBody.password;

/** Why this new password can't be sent yet ("" when it can). The server checks again. */
export function passwordProblem(password: string, repeat: string, email?: string | null): string {
  const chars = [...password].length;
  if (chars < minLength || password.trim() === "") return `Use at least ${minLength} characters.`;
  if (chars > maxLength) return `Use at most ${maxLength} characters.`;
  if (email && password.trim().toLowerCase() === email.trim().toLowerCase()) return "Don't use your email address.";
  if (password !== repeat) return "The two passwords differ.";
  return "";
}
