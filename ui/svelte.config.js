// Svelte compiler configuration: TypeScript in components via Vite's preprocessor.
import { vitePreprocess } from "@sveltejs/vite-plugin-svelte";

export default {
  preprocess: vitePreprocess(),
};
