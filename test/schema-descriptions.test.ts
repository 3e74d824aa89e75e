/** Every type, field, argument, input field and enum value of the schema carries a description, by graphql-schema-linter's rules. */
import { printedSchema } from '../server/schema-emit';

// The linter ships no types; this is the slice of its Node API (lib/index.js) the test uses.
interface LinterSchema {
  definition: string;
  sourceMap: unknown;
}
interface Linter {
  configuration: {
    Configuration: new (schema: LinterSchema, options: { rules: string[] }) => { getRules(): unknown[] };
  };
  validator: {
    validateSchemaDefinition(schema: LinterSchema, rules: unknown[], configuration: unknown): { message: string; ruleName: string }[];
  };
}
const linter = require('graphql-schema-linter') as Linter;
const { SourceMap } = require('graphql-schema-linter/lib/source_map') as {
  SourceMap: new (sources: Record<string, string>) => unknown;
};

const descriptionRules = [
  'types-have-descriptions',
  'fields-have-descriptions',
  'arguments-have-descriptions',
  'enum-values-have-descriptions',
  'input-object-values-have-descriptions',
];

test('the schema the code builds describes everything it exposes', async () => {
  const definition = await printedSchema();
  const schema = { definition, sourceMap: new SourceMap({ 'schema.graphql': definition }) };
  const configuration = new linter.configuration.Configuration(schema, { rules: descriptionRules });
  const rules = configuration.getRules();
  expect(rules).toHaveLength(descriptionRules.length);
  const missing = linter.validator
    .validateSchemaDefinition(schema, rules, configuration)
    .map((error) => `${error.message} (${error.ruleName})`);
  expect(missing).toEqual([]);
});
