// Ambient types for Vite client features and Svelte component imports.
/// <reference types="svelte" />
/// <reference types="vite/client" />
