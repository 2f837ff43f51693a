/** A line's mark in the editor: the most severe finding on it. */
export interface LineMark {
  line: number;
  severity: string;
  title: string;
}

/**
 * A plain-text editor: a textarea (no wrapping, one fixed line height) with line numbers and
 * marked lines drawn behind it. Lines are counted as the scanner counts them (split on "\n").
 */
export class Editor {
  readonly textarea: HTMLTextAreaElement;
  private readonly gutter: HTMLElement;
  private readonly layer: HTMLElement;
  private lineCount = 0;

  constructor(root: HTMLElement, onInput: (text: string) => void) {
    root.innerHTML = `<div class="gutter" aria-hidden="true"><div class="gutter-lines"></div></div>
      <div class="code"><div class="marks" aria-hidden="true"></div><textarea spellcheck="false" wrap="off" autocapitalize="off" aria-label="ARM template"></textarea></div>`;
    this.textarea = root.querySelector("textarea")!;
    this.gutter = root.querySelector(".gutter-lines")!;
    this.layer = root.querySelector(".marks")!;
    this.textarea.addEventListener("input", () => {
      this.renderLineNumbers();
      onInput(this.textarea.value);
    });
    this.textarea.addEventListener("scroll", () => this.followScroll());
  }

  get text(): string {
    return this.textarea.value;
  }

  set text(value: string) {
    this.textarea.value = value;
    this.textarea.scrollTop = 0;
    this.renderLineNumbers();
    this.followScroll();
  }

  /** Marks lines (replacing earlier marks): a band behind the text and a coloured line number. */
  mark(marks: readonly LineMark[]): void {
    this.layer.replaceChildren(
      ...marks.map((m) => {
        const band = document.createElement("div");
        band.className = `band severity-${m.severity}`;
        band.style.top = `${(m.line - 1) * this.lineHeight()}px`;
        band.title = m.title;
        return band;
      }),
    );
    const marked = new Map(marks.map((m) => [m.line, m.severity]));
    this.gutter.querySelectorAll<HTMLElement>("[data-marked]").forEach((n) => {
      n.removeAttribute("data-marked");
      n.className = "";
    });
    for (const [line, severity] of marked) {
      const number = this.gutter.children[line - 1] as HTMLElement | undefined;
      if (!number) continue;
      number.dataset["marked"] = "";
      number.className = `severity-${severity}`;
    }
  }

  /** Puts the caret on a line (1-based) and column, selects the rest of that line, and scrolls it into view. */
  goTo(line: number, column = 1): void {
    const starts = lineStarts(this.textarea.value);
    const index = Math.min(Math.max(line, 1), starts.length) - 1;
    const start = starts[index]!;
    const end = index + 1 < starts.length ? starts[index + 1]! - 1 : this.textarea.value.length;
    this.textarea.focus({ preventScroll: true });
    this.textarea.setSelectionRange(Math.min(start + column - 1, end), end);
    const top = index * this.lineHeight();
    const view = this.textarea.clientHeight;
    if (top < this.textarea.scrollTop || top + this.lineHeight() > this.textarea.scrollTop + view) {
      this.textarea.scrollTop = Math.max(0, top - Math.floor(view / 3));
    }
    this.followScroll();
  }

  /** The 1-based line the caret is on. */
  caretLine(): number {
    return this.textarea.value.slice(0, this.textarea.selectionStart).split("\n").length;
  }

  private renderLineNumbers(): void {
    const count = this.textarea.value.split("\n").length;
    if (count === this.lineCount) return;
    for (let n = this.lineCount + 1; n <= count; n++) {
      const div = document.createElement("div");
      div.textContent = String(n);
      this.gutter.append(div);
    }
    while (this.gutter.children.length > count) this.gutter.lastElementChild!.remove();
    this.lineCount = count;
  }

  private followScroll(): void {
    this.gutter.style.transform = `translateY(${-this.textarea.scrollTop}px)`;
    this.layer.style.transform = `translate(${-this.textarea.scrollLeft}px, ${-this.textarea.scrollTop}px)`;
  }

  private lineHeight(): number {
    return parseFloat(getComputedStyle(this.textarea).lineHeight) || 20;
  }
}

/** Offsets where each line starts. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
  return starts;
}
