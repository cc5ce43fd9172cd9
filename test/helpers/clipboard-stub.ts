// jsdom has no clipboard events and no DataTransfer: what a write's paste step needs of the platform, for the
// duration of a test file or describe block.

export class TestDataTransfer {
  private readonly data = new Map<string, string>();
  setData(type: string, value: string) {
    this.data.set(type, value);
  }
  getData(type: string) {
    return this.data.get(type) ?? "";
  }
}

export class TestClipboardEvent extends Event {
  readonly clipboardData: TestDataTransfer | null;
  constructor(type: string, init: EventInit & { clipboardData?: TestDataTransfer }) {
    super(type, init);
    this.clipboardData = init.clipboardData ?? null;
  }
}

/** Installs both globals before the enclosing block's tests and removes them after. */
export function useClipboardStub(): void {
  const platform = globalThis as unknown as Record<string, unknown>;
  beforeAll(() => {
    platform.DataTransfer = TestDataTransfer;
    platform.ClipboardEvent = TestClipboardEvent;
  });
  afterAll(() => {
    delete platform.DataTransfer;
    delete platform.ClipboardEvent;
  });
}
