<?php
/*
 * XLite\Controller\Features\ItemsListControllerTrait
 * (classes/XLite/Controller/Features/ItemsListControllerTrait.php): what Controller\Admin\AAdmin adds
 * for pages with an items list — the actions update_items_list, search_items_list and delete on the
 * list class the request names (?itemsList=…). [stand-in] Not modelled: the stand-in has no items
 * lists, so its admin controllers have none of these actions (an action without a doAction…() does
 * nothing, see AController::callAction()).
 */
declare(strict_types=1);

namespace XLite\Controller\Features;

trait ItemsListControllerTrait
{
}
