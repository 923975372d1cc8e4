--TEST--
infor_sync is loaded and declares its functions and exceptions
--EXTENSIONS--
infor_sync
--FILE--
<?php
var_dump(extension_loaded('infor_sync'));
foreach (['enqueue', 'status', 'flush', 'dead_letters', 'retry_dead', 'discard_dead', 'event', 'config', 'save_config'] as $f) {
    echo $f, ': ', function_exists("InforSync\\$f") ? 'yes' : 'no', "\n";
}
var_dump(is_subclass_of('InforSync\ValidationException', 'InforSync\Exception'));
var_dump(is_subclass_of('InforSync\SpoolException', 'InforSync\Exception'));
var_dump(is_subclass_of('InforSync\ConfigurationException', 'InforSync\Exception'));
var_dump(is_subclass_of('InforSync\Exception', 'RuntimeException'));
?>
--EXPECT--
bool(true)
enqueue: yes
status: yes
flush: yes
dead_letters: yes
retry_dead: yes
discard_dead: yes
event: yes
config: yes
save_config: yes
bool(true)
bool(true)
bool(true)
bool(true)
