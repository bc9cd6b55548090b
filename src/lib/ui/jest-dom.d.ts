// Types for the jest-dom matchers that vitest-setup-ui.ts installs (toBeInTheDocument, …).
/// <reference types="@testing-library/jest-dom/vitest" />
