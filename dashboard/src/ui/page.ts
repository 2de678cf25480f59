import { useCallback, useEffect, useRef, useState } from 'react';

/** The browser tab's title for a page: what it is first, then the product. */
export function pageTitle(name: string): string {
  return `${name} — AgentWallex`;
}

/** Sets document.title while the page is shown (history entries, tabs and screen readers name the page by it). */
export function usePageTitle(name: string): void {
  useEffect(() => {
    document.title = pageTitle(name);
  }, [name]);
}

/** The first page this document showed; see usePage. */
let firstPage: object | undefined;

/**
 * A page of the app: its title, and its h1 (give it the returned ref and tabIndex={-1}) takes focus
 * when it is shown after another page (a route change, sign-in, sign-out), so a screen reader
 * announces the new page and keyboard focus does not fall to <body>. The page a document opens with
 * leaves focus at the start, where the skip link is.
 */
export function usePage(name: string) {
  usePageTitle(name);
  const heading = useRef<HTMLHeadingElement>(null);
  // One identity per mounted page that survives React's development double run of effects.
  const [self] = useState(() => ({}));
  useEffect(() => {
    firstPage ??= self;
    if (firstPage !== self) heading.current?.focus();
  }, [self]);
  return heading;
}

/**
 * Moves focus after the next render, to an element that may only exist then (a button that comes
 * back when a form closes, a table row): call it with a function that finds the element.
 */
export function useFocusAfterRender(): (target: () => HTMLElement | null | undefined) => void {
  const pending = useRef<(() => HTMLElement | null | undefined) | null>(null);
  const [request, setRequest] = useState(0);
  useEffect(() => {
    const target = pending.current;
    pending.current = null;
    target?.()?.focus();
  }, [request]);
  return useCallback((target) => {
    pending.current = target;
    setRequest((n) => n + 1);
  }, []);
}
