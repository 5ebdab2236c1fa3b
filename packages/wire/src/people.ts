/**
 * People as the HTTP API shows them (wire-protocol.md section 2.4). Signing in itself is
 * better-auth's, under `/api/auth/` (section 2.4); these are the routes of our own that act on
 * the signed-in person, with the session cookie better-auth set.
 */

/** A coordinator runs programs and may make others coordinators; everyone else is a member. */
export type Role = 'coordinator' | 'member';

export interface Person {
  readonly id: string;
  readonly email: string;
  readonly name: string;
  readonly role: Role;
}

/** `POST /api/people/setup`: the token of the one-time setup link `npm start` printed. */
export interface ClaimSetupRequest {
  readonly token: string;
}

/** `POST /api/people/coordinators`: who to make a coordinator, by the address they sign in with. */
export interface AddCoordinatorRequest {
  readonly email: string;
}

/**
 * `POST /api/me/profile`: the name others see, 1 to 60 characters once trimmed (the room's
 * name limit). Until it is set the server shows the part of the address before the @.
 */
export interface UpdateProfileRequest {
  readonly name: string;
}

/** What these routes answer: the person as they are now. */
export interface PersonResponse {
  readonly person: Person;
}
