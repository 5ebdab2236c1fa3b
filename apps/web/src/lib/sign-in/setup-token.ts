/*
 * The setup link's token, kept while its person signs in: the sign-in link opens in a tab of
 * its own (from the mail), so the confirm page finds it here and leads back to /setup.
 */
const KEY = 'roundtable.setup-token';

export const keepSetupToken = (token: string) => localStorage.setItem(KEY, token);
export const pendingSetupToken = (): string | null => localStorage.getItem(KEY);
export const forgetSetupToken = () => localStorage.removeItem(KEY);
