import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * Types for every GraphQL document of the web client, generated from the API's own schema files
 * (no running server needed). The output is not kept in git: `npm run codegen` makes it.
 */
const config: CodegenConfig = {
  schema: '../api/src/main/resources/graphql/*.graphqls',
  documents: ['src/**/*.{ts,tsx}', '!src/api/gql/**'],
  ignoreNoDocuments: false,
  generates: {
    'src/api/gql/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        avoidOptionals: { field: true, inputValue: false, object: true, defaultValue: false },
        scalars: {
          DateTime: 'string',
          Date: 'string',
          URL: 'string',
          JSON: 'unknown',
          Long: 'number',
        },
      },
    },
  },
};

export default config;
