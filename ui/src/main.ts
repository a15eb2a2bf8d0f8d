// Browser entry point: mounts the Switchboard app into #app.
import { mount } from "svelte";
import App from "./App.svelte";
import "./app.css";
import { theme } from "./lib/theme.svelte";

// Applied before the first paint of the app, so that a dark page never flashes light.
theme();

const target = document.getElementById("app");
if (!target) throw new Error("Switchboard: #app element missing from index.html");

export default mount(App, { target });
