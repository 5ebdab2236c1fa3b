import { sql } from 'kysely';
import type { Kysely, Migration } from 'kysely';
import type { StoreKind } from '../schema.ts';

/*
 * People and their sign-ins: better-auth's schema for our options (auth/people.ts: the
 * magic-link plugin, the `role` field, our table names), as better-auth 1.7.25's
 * `getMigrations(...).compileMigrations()` printed it for each backend, frozen here so a
 * deployment's schema changes only with a reviewed migration, never with a library upgrade
 * at run time (decision 0080). better-auth checks at first use that the tables match.
 * `if not exists` so an interrupted SQLite run (no transaction) can simply run again.
 */

const SQLITE = [
  `create table if not exists "people" ("id" text not null primary key, "name" text not null, "email" text not null unique, "emailVerified" integer not null, "image" text, "createdAt" date not null, "updatedAt" date not null, "role" text not null)`,
  `create table if not exists "sign_ins" ("id" text not null primary key, "expiresAt" date not null, "token" text not null unique, "createdAt" date not null, "updatedAt" date not null, "ipAddress" text, "userAgent" text, "userId" text not null references "people" ("id") on delete cascade)`,
  `create table if not exists "accounts" ("id" text not null primary key, "accountId" text not null, "providerId" text not null, "userId" text not null references "people" ("id") on delete cascade, "accessToken" text, "refreshToken" text, "idToken" text, "accessTokenExpiresAt" date, "refreshTokenExpiresAt" date, "scope" text, "password" text, "createdAt" date not null, "updatedAt" date not null)`,
  `create table if not exists "verifications" ("id" text not null primary key, "identifier" text not null, "value" text not null, "expiresAt" date not null, "createdAt" date not null, "updatedAt" date not null)`,
];

const POSTGRES = [
  `create table if not exists "people" ("id" text not null primary key, "name" text not null, "email" text not null unique, "emailVerified" boolean not null, "image" text, "createdAt" timestamptz default CURRENT_TIMESTAMP not null, "updatedAt" timestamptz default CURRENT_TIMESTAMP not null, "role" text not null)`,
  `create table if not exists "sign_ins" ("id" text not null primary key, "expiresAt" timestamptz not null, "token" text not null unique, "createdAt" timestamptz default CURRENT_TIMESTAMP not null, "updatedAt" timestamptz not null, "ipAddress" text, "userAgent" text, "userId" text not null references "people" ("id") on delete cascade)`,
  `create table if not exists "accounts" ("id" text not null primary key, "accountId" text not null, "providerId" text not null, "userId" text not null references "people" ("id") on delete cascade, "accessToken" text, "refreshToken" text, "idToken" text, "accessTokenExpiresAt" timestamptz, "refreshTokenExpiresAt" timestamptz, "scope" text, "password" text, "createdAt" timestamptz default CURRENT_TIMESTAMP not null, "updatedAt" timestamptz not null)`,
  `create table if not exists "verifications" ("id" text not null primary key, "identifier" text not null, "value" text not null, "expiresAt" timestamptz not null, "createdAt" timestamptz default CURRENT_TIMESTAMP not null, "updatedAt" timestamptz default CURRENT_TIMESTAMP not null)`,
];

/** The same for both backends. */
const INDEXES = [
  `create index if not exists "sign_ins_userId_idx" on "sign_ins" ("userId")`,
  `create index if not exists "accounts_userId_idx" on "accounts" ("userId")`,
  `create index if not exists "verifications_identifier_idx" on "verifications" ("identifier")`,
];

/**
 * Our own table beside better-auth's: the one-time setup link that makes the first
 * coordinator, kept as a SHA-256 of the token (auth/setup-link.ts).
 */
const SETUP = `create table if not exists "setup_links" ("token_hash" text not null primary key, "created_at" bigint not null, "used_by" text)`;

export function peopleSchema(kind: StoreKind): Migration {
  const tables = kind === 'postgres' ? POSTGRES : SQLITE;
  return {
    async up(db: Kysely<unknown>) {
      for (const statement of [...tables, ...INDEXES, SETUP]) await sql.raw(statement).execute(db);
    },
  };
}
