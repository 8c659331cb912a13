#!/usr/bin/env node
// Entry point for `npx inscope` and `npm start`: TypeScript runs through tsx, so there is no build step to forget.
import { register } from 'tsx/esm/api';

register();
await import('./main.ts');
