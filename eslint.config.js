// Lint: typescript-eslint (with type information, for no-floating-promises) and eslint-plugin-svelte;
// formatting is prettier's, so eslint-config-prettier turns the style rules off.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

export default ts.config(
	{
		ignores: ['build/', '.cli/', '.svelte-kit/', 'node_modules/', 'test-results/', 'db/', 'static/', '.e2e/', '.bench/']
	},
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	prettier,
	...svelte.configs.prettier,
	{
		languageOptions: {
			globals: { ...globals.browser, ...globals.node },
			parserOptions: { projectService: true, extraFileExtensions: ['.svelte'], tsconfigRootDir: import.meta.dirname }
		},
		rules: {
			// TypeScript checks undefined names better than this rule can.
			'no-undef': 'off',
			'@typescript-eslint/no-floating-promises': 'error',
			'@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
			// The solvers' inner loops use `a && f()` / `c ? f() : g()` on purpose.
			'@typescript-eslint/no-unused-expressions': ['error', { allowShortCircuit: true, allowTernary: true }],
			// Chinese text sets full-width spaces on purpose (姓　名).
			'no-irregular-whitespace': [
				'error',
				{ skipStrings: true, skipTemplates: true, skipRegExps: true, skipComments: true }
			],
			// No base path: links are plain paths built from ids.
			'svelte/no-navigation-without-resolve': 'off',
			// Maps and URLSearchParams built inside $derived computations and never mutated afterwards.
			'svelte/prefer-svelte-reactivity': 'off'
		}
	},
	{
		// The flow engines write several array cells per step as one comma expression, on purpose.
		files: ['src/lib/domain/assignment/engine/**'],
		rules: { '@typescript-eslint/no-unused-expressions': 'off' }
	},
	// The layout's boundaries (issue 13; tests/server/architecture.test.ts checks the same on the graph).
	{
		files: ['src/lib/domain/**'],
		ignores: ['**/*.test.ts'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					patterns: [
						{
							group: [
								'$lib/server',
								'$lib/server/*',
								'**/server/*',
								'$lib/components/*',
								'**/components/*',
								'**/routes/*'
							],
							message: 'The domain is pure: no server, component or route imports.'
						}
					]
				}
			]
		}
	},
	{
		files: ['src/lib/server/**'],
		ignores: ['**/*.test.ts'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					patterns: [
						{
							group: ['$lib/components/*', '**/components/*'],
							message: 'Services build views from src/lib/server/views, domain or shared, not from components.'
						}
					]
				}
			]
		}
	},
	{
		files: ['src/routes/**'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					paths: [{ name: '$lib/server/db/schema', message: 'Routes call services; queries live in src/lib/server.' }],
					patterns: [
						{
							group: ['drizzle-orm', 'drizzle-orm/*'],
							message: 'Routes call services; queries live in src/lib/server.'
						}
					]
				}
			]
		}
	},
	{
		files: ['src/lib/shared/**'],
		ignores: ['**/*.test.ts'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					patterns: [
						{
							group: [
								'$lib/server',
								'$lib/server/*',
								'**/server/*',
								'$lib/components/*',
								'**/components/*',
								'**/routes/*',
								'drizzle-orm',
								'node:*',
								'$env/*/private'
							],
							message: 'src/lib/shared is client-safe: nothing server-side.'
						}
					]
				}
			]
		}
	},
	{ files: ['**/*.svelte'], rules: { 'no-irregular-whitespace': 'off' } },
	{ files: ['**/*.test.ts', 'tests/**/*.ts'], rules: { '@typescript-eslint/no-explicit-any': 'off' } },
	{
		files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
		languageOptions: { parserOptions: { parser: ts.parser, svelteConfig } }
	},
	{ files: ['**/*.js', '**/*.mjs', '**/*.cjs'], ...ts.configs.disableTypeChecked }
);
