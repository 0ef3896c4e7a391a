import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';

// See https://wxt.dev/api/config.html
export default defineConfig({
  imports: false,
  srcDir: '.',
  manifest: {
    name: 'Sealcheck',
    description: 'See before it happens what a role or an integration does to your quality seals',
    permissions: ['storage', 'activeTab'],
    commands: {
      _execute_action: {
        suggested_key: { default: 'Alt+Shift+S' },
        description: 'Open the Sealcheck quick check',
      },
      'open-playground': {
        suggested_key: { default: 'Alt+Shift+P' },
        description: 'Open the Sealcheck playground',
      },
    },
  },
  vite: () => ({
    plugins: [preact()],
  }),
});
