<?php
// A process that keeps its worker thread running (infor_sync.worker=on starts
// it at request start) until its stdin is closed: bench/scale/*.php start it
// and watch the spool and /proc from outside.
while (fgets(STDIN) !== false) {
}
