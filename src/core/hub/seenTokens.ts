/** Every token one hub connection used (the last few), so anything it logs or records is redacted with them. */
import { redact } from '../util/redact';

/** How many tokens are kept: a long session refreshes often, the old ones stop mattering. */
const MAX_TOKENS = 8;

export class SeenTokens {
  private readonly tokens: string[] = [];

  /** The tokens, oldest first (for errorText / classifyFailure). */
  get list(): readonly string[] {
    return this.tokens;
  }

  remember(token: string): void {
    if (!token || this.tokens.includes(token)) return;
    this.tokens.push(token);
    if (this.tokens.length > MAX_TOKENS) this.tokens.shift();
  }

  /** The text with every remembered token (and the usual secret patterns) replaced. */
  readonly redact = (text: string): string => redact(text, this.tokens);
}
