<?php
/*
 * XCart\Doctrine\FixtureLoader (src/Doctrine/FixtureLoader.php): loadYaml() loads a YAML fixture
 * file such as a module's config/install.yaml (§1.4):
 *  - a file that does not exist is only a warning in the log;
 *  - each key of $params in the text is replaced by its value, then the YAML is parsed
 *    (Symfony Yaml);
 *  - for each model (top-level key) that is in $allowedModels (when given) and not in
 *    $excludedModels: its repository's loadFixtures() with the records (an existing row that a
 *    record identifies is updated, the others are inserted; translations and other associations
 *    given in a record are loaded with it, see XLite\Model\Repo\ARepo), then flush() and
 *    clear() — every entity loaded before is detached afterwards, as in X-Cart.
 * [stand-in] A record's "directives" (forceInsertCommand, allowedModel, ...) are dropped, not
 * obeyed; the rows of a model the stand-in does not have (e.g. XLite\Model\LanguageLabel) are
 * skipped. X-Cart gets the loader from its container (its SQL and YAML loaders, filesystem and
 * logger injected); here `new FixtureLoader()`.
 */
declare(strict_types=1);

namespace XCart\Doctrine;

use Symfony\Component\Yaml\Yaml;

final class FixtureLoader
{
    public function loadYaml(
        string $filePath,
        array $allowedModels = [],
        array $excludedModels = [],
        array $params = []
    ): void {
        if (!is_file($filePath)) {
            \XLite\Logger::getLogger('xlite')->warning("The file $filePath doesn't exist.", ['method' => __METHOD__]);

            return;
        }
        $content = str_replace(array_keys($params), array_values($params), (string) file_get_contents($filePath));
        $this->standinLoad((array) Yaml::parse($content), $allowedModels, $excludedModels);
    }

    /**
     * The parsed structure of a fixture file (model => list of records), loaded as loadYaml() loads it.
     * @standin-only for tests and tests/browser/admin_router.php that have the rows as a PHP array, not as a YAML file
     */
    public function loadArray(array $data): void
    {
        $this->standinLoad($data, [], []);
    }

    private function standinLoad(array $data, array $allowedModels, array $excludedModels): void
    {
        $em = \XLite\Core\Database::getEM();
        foreach ($data as $model => $records) {
            if (($allowedModels && !in_array($model, $allowedModels, true)) || in_array($model, $excludedModels, true)) {
                continue;
            }
            $repo = \XLite\Core\Database::getRepo($model);
            if ($repo === null) {
                continue;
            }
            $records = (array) $records;
            unset($records['directives']);
            $records = array_values(array_filter($records, static fn ($r) => is_array($r) && !isset($r['directives'])));
            $repo->loadFixtures($records);
            $em->flush();
            $em->clear();
        }
    }
}
