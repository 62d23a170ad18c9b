import tseslint from 'typescript-eslint';
import lit from 'eslint-plugin-lit';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'bench/results/**', 'src/generated/**'] },
  ...tseslint.configs.recommended,
  lit.configs['flat/recommended'],
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        { selector: "MemberExpression[property.name='innerHTML']", message: 'Untrusted text must never become HTML.' },
        { selector: "CallExpression[callee.name='unsafeHTML']", message: 'Untrusted text must never become HTML.' },
      ],
    },
  },
  {
    files: ['src/elements/**', 'src/controllers/**', 'src/model/**', 'src/context/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'sip.js', message: 'Only src/adapters/sipjs may import sip.js.' }] }],
      'no-restricted-globals': ['error', { name: 'fetch', message: 'Only adapters talk to the network.' }],
    },
  },
);
