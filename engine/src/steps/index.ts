// Public entry for step authors: `import { defineStep } from '@waymark/engine/steps'`.
export { defineStep, type StepContext, type StepDefinition, type StepResult } from './define-step.js';
