import '@testing-library/jest-dom/vitest';
import { cleanup } from '@testing-library/react';
import { afterEach, expect } from 'vitest';
import { refusedRequests } from './fakeApi';

afterEach(() => {
  cleanup();
  // The renderer sent something the core's schemas refuse: the real app would fail there.
  const refused = refusedRequests.splice(0);
  expect(refused, 'requests the core would refuse').toEqual([]);
});
