import { whoIsSignedIn, type SignedIn } from './sign-in.ts';

/** Who is signed in, for every page (the header shows it); read from the server on load. */
export const account = $state<{ known: boolean; person: SignedIn | null }>({
  known: false,
  person: null,
});

export async function refreshAccount(): Promise<void> {
  account.person = await whoIsSignedIn();
  account.known = true;
}
