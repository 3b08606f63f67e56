/** Per-key credit balances; a key with no balance set submits without limit. */
export class Credits {
  #balances = new Map<string, number>();

  set(apiKey: string, credits: number | undefined): void {
    if (credits === undefined) this.#balances.delete(apiKey);
    else if (!(credits >= 0)) throw new RangeError(`setCredits: credits must be a non-negative number, got ${credits}`);
    else this.#balances.set(apiKey, credits);
  }

  /** Takes one credit; false when the key has a balance and it is empty. */
  spend(apiKey: string): boolean {
    const balance = this.#balances.get(apiKey);
    if (balance === undefined) return true;
    if (balance < 1) return false;
    this.#balances.set(apiKey, balance - 1);
    return true;
  }

  reset(): void {
    this.#balances.clear();
  }
}
