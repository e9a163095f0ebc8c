// What every browser script shares: required settings, named steps that print PASS/FAIL lines
// (the api module's tests read them), and a plain assertion.

/** The steps run so far, in order, with their outcome. */
export const results = [];

/** The environment variable `name`; exits with 2 when it is not set. */
export function required(name) {
  const value = process.env[name];
  if (!value) {
    console.error(`e2e: set ${name}`);
    process.exit(2);
  }
  return value;
}

/** Runs one named step, prints its outcome and time, and rethrows its failure. */
export async function step(name, run) {
  const started = Date.now();
  try {
    await run();
    results.push({ name, ok: true });
    console.log(`PASS ${name} (${Date.now() - started} ms)`);
  } catch (error) {
    results.push({ name, ok: false });
    console.log(`FAIL ${name}: ${error?.stack ?? error}`);
    throw error;
  }
}

export function expect(condition, message) {
  if (!condition) {
    throw new Error(message);
  }
}
