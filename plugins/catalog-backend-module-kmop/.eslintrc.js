module.exports = require('@backstage/cli/config/eslint-factory')(__dirname, {
  testRules: {
    // The provider tests assert by waiting for the catalog to show the expected state.
    'jest/expect-expect': [
      'warn',
      { assertFunctionNames: ['expect', 'waitFor'] },
    ],
  },
});
