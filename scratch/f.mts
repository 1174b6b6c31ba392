import { buildSite } from '../src/publish/site/build.ts';
import { testIssues, testPublication } from '../src/publish/test-fixtures.ts';
buildSite(testPublication(), testIssues(35), '/tmp/tmp.m9jY4CcVml', { siteUrl: 'https://weekly.example.com' });
