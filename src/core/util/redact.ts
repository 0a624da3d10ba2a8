/**
 * Removes secrets from a line before it is logged, shown or recorded. One regex pass (hot path:
 * every log line) for JWTs, `access_token=`/`id=` query values (the connection token is secret),
 * `Bearer …` and JSON token/key fields; then the caller's literal secrets (e.g. the API key).
 */
const SECRET_PATTERN =
  /(eyJ[\w-]+\.[\w-]+\.[\w-]*)|(\baccess_token=|[?&]id=)[^&\s"'#<>]+|(\bBearer\s+)[^\s"',;]+|("(?:token|newToken|apiKey|accessToken|access_token|connectionToken|password)"\s*:\s*)"(?:[^"\\]|\\.)*"/gi;

/** Literal secrets shorter than this are not replaced: they would mangle ordinary text. */
const MIN_SECRET_LENGTH = 4;

function replaceMatch(match: string, jwt?: string, param?: string, bearer?: string, jsonKey?: string): string {
  if (jwt !== undefined) return '«jwt»';
  if (param !== undefined) return `${param}«redacted»`;
  if (bearer !== undefined) return `${bearer}«redacted»`;
  if (jsonKey !== undefined) return `${jsonKey}"«redacted»"`;
  return match;
}

export function redact(text: string, secrets?: readonly string[]): string {
  let out = text.replace(SECRET_PATTERN, replaceMatch);
  if (secrets !== undefined) {
    for (const secret of secrets) {
      if (secret.length >= MIN_SECRET_LENGTH && out.includes(secret)) out = out.split(secret).join('«redacted»');
    }
  }
  return out;
}
