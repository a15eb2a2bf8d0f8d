import { describe, expect, it } from "vitest";
import { passwordProblem } from "./password";

describe("passwordProblem", () => {
  it("asks for the server's length, no email, and a matching repeat", () => {
    expect(passwordProblem("short", "short")).toBe("Use at least 10 characters.");
    expect(passwordProblem("          ", "          ")).toBe("Use at least 10 characters.");
    expect(passwordProblem("x".repeat(257), "x".repeat(257))).toBe("Use at most 256 characters.");
    expect(passwordProblem("Ann@Example.com", "Ann@Example.com", "ann@example.com")).toBe("Don't use your email address.");
    expect(passwordProblem("long enough one", "long enough 1")).toBe("The two passwords differ.");
    expect(passwordProblem("long enough one", "long enough one", "ann@example.com")).toBe("");
  });
});
