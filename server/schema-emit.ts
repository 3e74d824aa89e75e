/** Writes schema/schema.graphql from the code: `npm run schema`. A test fails when the committed file is stale. */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { printSchema } from 'graphql';
import { createSchema } from './schema';

export const SCHEMA_FILE = 'schema/schema.graphql';

export async function printedSchema(): Promise<string> {
  return printSchema(await createSchema()) + '\n';
}

if (require.main === module) {
  void printedSchema().then((text) => {
    writeFileSync(resolve(SCHEMA_FILE), text);
    console.log(`wrote ${SCHEMA_FILE}`);
  });
}
