// `npm run bench`: every benchmark in one run, each printing its own ratio against its baseline.
import { benchApiEconomy } from './api-economy.js';
import { benchEngine } from './engine.js';
import { benchIntake } from './intake.js';
import { benchLearn } from './learn.js';
import { benchLoad } from './load.js';
import { benchSimulate } from './simulate.js';

const only = process.argv[2];
if (!only || only === 'engine') await benchEngine();
if (!only || only === 'simulate') await benchSimulate();
if (!only || only === 'learn') await benchLearn();
if (!only || only === 'intake') await benchIntake();
if (!only || only === 'load') await benchLoad();
if (!only || only === 'api-economy') await benchApiEconomy();
