// Reactive store of companies for the details panel: the pages the company picker loaded (by name,
// "Load more" for the next), and single companies looked up by id for the name a customer shows.
import { SvelteMap } from "svelte/reactivity";
import type { Company, Page } from "./api/types";
import { ListStore } from "./settings.svelte";

/** The slice of the API client the store reads with (a fake in tests). */
export interface CompanyApi {
  /** The first page without a path, else the page a previous page's `next` resolved to. */
  companiesPage(path?: string): Promise<Page<Company>>;
  company(id: string): Promise<Company>;
}

export class CompanyDirectory {
  /** The pages loaded so far, by name. */
  readonly list: ListStore<Company>;
  /** Companies read one by one: null when one can't be read (deleted, or not allowed). */
  private looked = new SvelteMap<string, Company | null>();
  private requested = new Set<string>();

  constructor(
    private readonly api: CompanyApi,
    onError: (err: unknown) => void = () => {},
  ) {
    this.list = new ListStore<Company>(
      () => api.companiesPage(),
      (path) => api.companiesPage(path),
      onError,
    );
  }

  /** A company by id: from the loaded pages, else read once. Undefined while loading, null when it can't be read. Reactive. */
  company(id: string): Company | null | undefined {
    const listed = this.list.get(id);
    if (listed) return listed;
    if (!this.requested.has(id)) {
      this.requested.add(id);
      this.api.company(id).then(
        (c) => this.looked.set(id, c),
        () => this.looked.set(id, null),
      );
    }
    return this.looked.get(id);
  }

  /** Shows a company's latest copy (e.g. one just read or changed elsewhere). */
  remember(company: Company): void {
    this.requested.add(company.id);
    this.looked.set(company.id, company);
    if (this.list.get(company.id)) this.list.upsert(company);
  }
}
