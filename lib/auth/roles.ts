import type { UserRole } from "@/lib/db/schema";

// Higher rank = more rights. Tokens map onto the same scale but never reach "owner":
// managing users needs a person, not a script.
export const roleRank: Record<UserRole, number> = { viewer: 1, admin: 2, owner: 3 };

export function hasRole(role: UserRole, needed: UserRole): boolean {
  return roleRank[role] >= roleRank[needed];
}
