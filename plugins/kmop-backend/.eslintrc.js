module.exports = require('@backstage/cli/config/eslint-factory')(__dirname, {
  testRules: {
    // The fault tests assert through these helpers.
    'jest/expect-expect': [
      'warn',
      {
        assertFunctionNames: [
          'expect',
          'expectDegradedThenRecovered',
          'waitFor',
        ],
      },
    ],
  },
});
