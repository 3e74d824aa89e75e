export default async function globalTeardown() {
  await globalThis.__WXCC_TEST_PG__?.stop();
}
