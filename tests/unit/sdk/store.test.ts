import { describe, expect, it } from "vitest";
import type { Item } from "@/sdk/src/batch";
import { openStore, readStored, saveStored } from "@/sdk/src/store";
import { MemoryStorage } from "./fake-browser";

const item = (id: string): Item => [id, JSON.stringify({ id, message: id })];

describe("SDK offline store", () => {
  it("merges by id, so two tabs sharing it keep each other's events", () => {
    const storage = new MemoryStorage();
    openStore(storage, "logwell:test");
    saveStored([item("a"), item("b")]); // tab 1
    saveStored([item("c")]); // tab 2
    saveStored([item("b")], ["a"]); // tab 1: a acknowledged, b still pending
    expect(readStored().map((i) => i[0])).toEqual(["b", "c"]);
  });

  it("keeps only the newest 200 events", () => {
    openStore(new MemoryStorage(), "logwell:test");
    saveStored(Array.from({ length: 250 }, (_, i) => item(`e${i}`)));
    const kept = readStored();
    expect(kept).toHaveLength(200);
    expect(kept[0]?.[0]).toBe("e50");
    expect(kept[199]?.[0]).toBe("e249");
  });

  it("degrades to memory when storage is missing, full or corrupt", () => {
    openStore(undefined, "logwell:test");
    expect(() => saveStored([item("a")])).not.toThrow();
    expect(readStored()).toEqual([]);
    const full = new MemoryStorage();
    full.setItem = () => {
      throw new DOMException("quota", "QuotaExceededError");
    };
    openStore(full, "logwell:test");
    expect(() => saveStored([item("a")])).not.toThrow();
    const corrupt = new MemoryStorage();
    corrupt.setItem("logwell:test", "{not json");
    openStore(corrupt, "logwell:test");
    expect(readStored()).toEqual([]);
  });
});
