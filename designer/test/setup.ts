import { configure } from '@testing-library/react';

// waitFor's default second is too short for a debounce and a render on a loaded machine.
configure({ asyncUtilTimeout: 10_000 });
